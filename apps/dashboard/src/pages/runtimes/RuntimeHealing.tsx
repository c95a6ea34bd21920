import { Badge, Button, Stack, Text } from '@mantine/core';
import { useMutation } from 'urql';
import { hasRole, useMe } from '../../app/me.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { RuntimeHealingView } from './healing-types.js';
import { RELEASE_MELTDOWN } from './runtime-documents.js';

/** Recent healing changes shown in the row; the API keeps the last twenty. */
const RECENT_EVENTS = 3;

/**
 * A runtime's healing: `healing` (down nodes are healed) or `meltdown` (too many are down at once,
 * so none is), the last count and its latest changes. Only admins may release a meltdown, so only
 * they see Release; the API refuses anyone else regardless.
 */
export function RuntimeHealing({ runtime, onChanged }: { runtime: { id: string; name: string; healing: RuntimeHealingView }; onChanged: () => void }) {
  const me = useMe();
  const [release, releaseMeltdown] = useMutation(RELEASE_MELTDOWN);
  const { healing } = runtime;
  const meltdown = healing.state === 'meltdown';
  const releasable = meltdown && !healing.releasedAt && hasRole(me, 'admin');
  const onRelease = async () => {
    const answer = await releaseMeltdown({ runtimeId: runtime.id });
    if (!answer.error) onChanged();
  };

  return (
    <Stack gap={4} data-testid={`runtime-healing-${runtime.name}`} data-state={healing.state}>
      <div>
        {/* Dark text on the light tint, as StatusBadge does, for contrast. */}
        <Badge color={meltdown ? 'red' : 'green'} variant="light" c="dark.8">
          {healing.state}
        </Badge>
      </div>
      <Text size="xs" c="gray.7">
        {healing.downNodes} of {healing.totalNodes} nodes down · since {new Date(healing.since).toLocaleString()}
      </Text>
      <Text size="xs" c="gray.7">
        Meltdown above {healing.meltdownPercent}% or {healing.meltdownNodes} nodes{healing.defaultLimits ? ' (platform defaults)' : ''}
      </Text>
      {healing.releasedAt && (
        <Text size="xs" fw={600}>
          Released by {healing.releasedBy} at {new Date(healing.releasedAt).toLocaleString()}
        </Text>
      )}
      {healing.events.length > 0 && (
        <ul aria-label={`Healing changes of ${runtime.name}`} style={{ margin: 0, paddingLeft: 16 }}>
          {healing.events.slice(0, RECENT_EVENTS).map((event) => (
            <li key={event.id}>
              <Text size="xs">
                {new Date(event.at).toLocaleString()} · {event.kind} ({event.downNodes}/{event.totalNodes}) by {event.actor}
                {event.message ? `: ${event.message}` : ''}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {releasable && (
        <div>
          <Button size="xs" color="red.9" variant="light" loading={release.fetching} onClick={() => void onRelease()} aria-label={`Release the meltdown of ${runtime.name}`}>
            Release
          </Button>
        </div>
      )}
      {release.error && <ErrorNotice error={release.error} title="The meltdown was not released" />}
    </Stack>
  );
}
