import { Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PASS_VERSION, REJECT_VERSION, START_REVIEW } from './review-documents.js';

/** Takes a submitted version into review, then passes it or rejects it with a message (required to reject). */
export function ReviewDecision({ version, onDecided }: { version: { id: string; status: string }; onDecided: () => void }) {
  const [message, setMessage] = useState('');
  const [starting, start] = useMutation(START_REVIEW);
  const [passing, pass] = useMutation(PASS_VERSION);
  const [rejecting, reject] = useMutation(REJECT_VERSION);
  const error = starting.error ?? passing.error ?? rejecting.error;
  const after = (result: Promise<{ error?: unknown }>) =>
    void result.then((r) => {
      if (!r.error) {
        setMessage('');
        onDecided();
      }
    });
  if (version.status !== 'submitted' && version.status !== 'in-review') {
    return error ? <ErrorNotice error={error} title="The decision was not recorded" /> : null;
  }
  return (
    <Stack component="section" aria-labelledby="decision-heading" gap="xs">
      <Title order={2} size="h3" id="decision-heading">
        Decision
      </Title>
      {version.status === 'submitted' ? (
        <Group>
          <Button onClick={() => after(start({ id: version.id }))} loading={starting.fetching}>
            Start review
          </Button>
        </Group>
      ) : (
        <>
          <Textarea label="Message to the developer" description="Required to reject; kept in the audit trail" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          <Group>
            <Button color="teal.9" onClick={() => after(pass({ id: version.id, message: message.trim() || undefined }))} loading={passing.fetching}>
              Pass
            </Button>
            <Button color="red.9" onClick={() => after(reject({ id: version.id, message: message.trim() }))} loading={rejecting.fetching} disabled={!message.trim()}>
              Reject
            </Button>
          </Group>
        </>
      )}
      {error && <ErrorNotice error={error} title="The decision was not recorded" />}
    </Stack>
  );
}
