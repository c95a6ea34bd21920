import { List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ClusterLinkView } from './cluster-types.js';
import { ClusterLink } from './links.js';

/** One side of the links: each alias with the cluster it names (hidden when the caller may not see it). */
function LinkList({ title, links, empty, testId }: { title: string; links: readonly ClusterLinkView[]; empty: string; testId: string }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {links.length === 0 ? (
        <Text size="sm" c="gray.7">
          {empty}
        </Text>
      ) : (
        <List size="sm" aria-label={title}>
          {links.map((link) => (
            <List.Item key={`${link.alias}:${link.cluster?.id ?? ''}`}>
              <Text span ff="monospace" size="sm">
                {link.alias}
              </Text>
              {' → '}
              {link.cluster ? <ClusterLink clusterId={link.cluster.id}>{link.cluster.name}</ClusterLink> : <Text span size="sm" c="gray.7">a cluster you may not see</Text>}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The clusters this one links to (its `service` values) and the live clusters linking to it. */
export function ClusterLinks({ links, linkedBy }: { links: readonly ClusterLinkView[]; linkedBy: readonly ClusterLinkView[] }) {
  return (
    <Paper withBorder p="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <LinkList title="Links to" links={links} empty="This cluster links to no other cluster." testId="cluster-links" />
        <LinkList title="Linked by" links={linkedBy} empty="No live cluster links to this one." testId="cluster-linked-by" />
      </SimpleGrid>
    </Paper>
  );
}
