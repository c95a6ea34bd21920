import { AppShell, Badge, Burger, Group, Menu, NavLink, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { isUnauthenticated } from '../api/problem.js';
import { signOut } from '../api/session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/states.js';
import { hasRole, ME_QUERY, MeContext, type Me } from './me.js';

interface NavEntry {
  readonly to: string;
  readonly label: string;
  /** Roles that see the entry (admin sees all); none: everyone signed in. */
  readonly roles?: readonly string[];
}

const NAVIGATION: readonly NavEntry[] = [
  { to: '/', label: 'Catalog' },
  { to: '/clusters', label: 'Clusters' },
  { to: '/runtimes', label: 'Runtimes' },
  { to: '/repos', label: 'Repositories', roles: ['developer'] },
  { to: '/review', label: 'Review', roles: ['reviewer'] },
  { to: '/admin', label: 'Administration', roles: ['admin'] },
];

function UserMenu({ me }: { me: Me }) {
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`User menu: ${me.user.displayName || me.user.login}`} data-testid="user-menu">
          <Text size="sm" fw={600}>
            {me.user.displayName || me.user.login}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as {me.user.login}</Menu.Label>
        <Group gap={4} px="sm" pb="xs" data-testid="user-roles">
          {me.roles.map((role) => (
            <Badge key={role} size="xs" variant="outline">
              {role}
            </Badge>
          ))}
        </Group>
        {me.groups.length > 0 && <Menu.Label>Groups</Menu.Label>}
        {me.groups.map((group) => (
          <Menu.Item key={group.id} disabled data-testid="user-group">
            {group.displayName} ({group.role})
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => void navigate({ to: '/account/tokens' })}>Access tokens</Menu.Item>
        <Menu.Item
          color="red"
          onClick={() => {
            // A full reload drops the cache and the WebSocket that still carry the old session.
            void signOut().finally(() => window.location.assign('/sign-in'));
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The frame of every signed-in page: navigation by role, the user menu, and the page. */
export function Shell() {
  const [{ data, error, fetching }] = useQuery({ query: ME_QUERY, requestPolicy: 'network-only' });
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const signedOut = isUnauthenticated(error);
  useEffect(() => {
    if (signedOut) void navigate({ to: '/sign-in', search: { returnTo: location.href } });
  }, [signedOut, navigate, location.href]);
  if (fetching && !data) return <Loading label="Signing in…" />;
  if (error && !signedOut) return <ErrorNotice error={error} />;
  if (!data) return <Loading label="Signing in…" />;
  const me = data.me;
  return (
    <MeContext.Provider value={me}>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group>
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
              <Title order={3}>Pitrix</Title>
            </Group>
            <UserMenu me={me} />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main">
          <ScrollArea>
            {NAVIGATION.filter((entry) => !entry.roles || hasRole(me, ...entry.roles)).map((entry) => (
              <NavLink
                key={entry.to}
                label={entry.label}
                component={Link}
                to={entry.to}
                active={entry.to === '/' ? location.pathname === '/' || location.pathname.startsWith('/apps') : location.pathname.startsWith(entry.to)}
              />
            ))}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </MeContext.Provider>
  );
}
