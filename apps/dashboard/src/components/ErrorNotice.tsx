import { Alert, List, Text } from '@mantine/core';
import type { CombinedError } from 'urql';
import { problemOf, type Problem } from '../api/problem.js';

/** Every error shows the API's code and message, and the fields it found wrong. */
export function ErrorNotice({ error, title }: { error: CombinedError | Problem; title?: string }) {
  const problem = 'graphQLErrors' in error ? problemOf(error) : error;
  return (
    <Alert color="red" title={title ?? 'Something went wrong'} role="alert" data-error-code={problem.code}>
      <Text size="sm">
        <Text span ff="monospace" fw={700}>
          {problem.code}
        </Text>{' '}
        {problem.message}
      </Text>
      {problem.problems.length > 0 && (
        <List size="sm" mt="xs">
          {problem.problems.map((p) => (
            <List.Item key={`${p.path}:${p.message}`}>
              <Text span ff="monospace">
                {p.path}
              </Text>
              : {p.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
