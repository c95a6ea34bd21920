import { Button, Group } from '@mantine/core';
import { useMutation, type CombinedError } from 'urql';
import { hasRole, useMe } from '../../app/me.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CANCEL_VERSION, DELETE_VERSION, RECOVER_VERSION, RELEASE_VERSION, SUBMIT_VERSION, SUSPEND_VERSION } from './repo-documents.js';

/** The actions the version status machine allows from `status` (the API decides; this only offers them). */
export function VersionActions({ version }: { version: { id: string; name: string; version: string; status: string } }) {
  const me = useMe();
  const [submitting, submit] = useMutation(SUBMIT_VERSION);
  const [cancelling, cancel] = useMutation(CANCEL_VERSION);
  const [releasing, release] = useMutation(RELEASE_VERSION);
  const [suspending, suspend] = useMutation(SUSPEND_VERSION);
  const [recovering, recover] = useMutation(RECOVER_VERSION);
  const [deleting, remove] = useMutation(DELETE_VERSION);
  const { id, status } = version;
  const what = `${version.name} ${version.version}`;
  const error: CombinedError | undefined = submitting.error ?? cancelling.error ?? releasing.error ?? suspending.error ?? recovering.error ?? deleting.error;
  const admin = hasRole(me, 'admin');
  return (
    <>
      <Group gap="xs">
        {(status === 'draft' || status === 'rejected') && (
          <Button size="xs" onClick={() => void submit({ id })} loading={submitting.fetching} aria-label={`Submit ${what}`}>
            Submit
          </Button>
        )}
        {status === 'passed' && (
          <Button size="xs" color="teal.9" onClick={() => void release({ id })} loading={releasing.fetching} aria-label={`Release ${what}`}>
            Release
          </Button>
        )}
        {['submitted', 'in-review', 'passed'].includes(status) && (
          <Button size="xs" variant="default" onClick={() => void cancel({ id })} loading={cancelling.fetching} aria-label={`Cancel submission of ${what}`}>
            Cancel submission
          </Button>
        )}
        {status === 'active' && admin && (
          <Button size="xs" color="orange.9" variant="light" onClick={() => void suspend({ id })} loading={suspending.fetching} aria-label={`Suspend ${what}`}>
            Suspend
          </Button>
        )}
        {status === 'suspended' && admin && (
          <Button size="xs" variant="default" onClick={() => void recover({ id })} loading={recovering.fetching} aria-label={`Recover ${what}`}>
            Recover
          </Button>
        )}
        {['draft', 'passed', 'rejected', 'suspended'].includes(status) && (
          <Button size="xs" color="red.9" variant="light" onClick={() => void remove({ id })} loading={deleting.fetching} aria-label={`Delete ${what}`}>
            Delete
          </Button>
        )}
      </Group>
      {error && <ErrorNotice error={error} title="The version did not change" />}
    </>
  );
}
