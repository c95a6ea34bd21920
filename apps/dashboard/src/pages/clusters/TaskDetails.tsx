import { Code, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { JobTaskView } from './job-types.js';

function Tail({ label, text }: { label: string; text: string | null | undefined }) {
  if (!text) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Code block data-testid={`task-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {text}
      </Code>
    </div>
  );
}

/** The selected task: where it runs, its status and, when it failed, the error and output tails. */
export function TaskDetails({ task }: { task: JobTaskView }) {
  return (
    <Paper withBorder p="sm" data-testid="task-details" aria-label={`Task ${task.title}`}>
      <Stack gap="xs">
        <Title order={3}>{task.title}</Title>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Text size="sm">
            Status: <StatusBadge status={task.status} />
          </Text>
          <Text size="sm">Node: {task.nodeId ?? '—'}</Text>
          <Text size="sm">Kind: {task.type}</Text>
          <Text size="sm">
            Attempts: {task.attempts}
            {task.rollback ? ' · rollback step' : ''}
            {task.allowedFailure ? ' · may fail' : ''}
          </Text>
        </SimpleGrid>
        {task.failure && (
          <>
            <Text size="sm" c="red.9" data-testid="task-error">
              <Text span ff="monospace" fw={700}>
                {task.failure.code}
              </Text>{' '}
              {task.failure.message}
              {task.failure.exitCode !== null && task.failure.exitCode !== undefined ? ` (exit code ${task.failure.exitCode})` : ''}
            </Text>
            <Tail label="Output tail" text={task.failure.stdoutTail} />
            <Tail label="Error output tail" text={task.failure.stderrTail} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
