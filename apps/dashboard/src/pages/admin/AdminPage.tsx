import { Stack, Tabs, Title } from '@mantine/core';
import { GroupsPanel } from './GroupsPanel.js';
import { SecurityLog } from './SecurityLog.js';
import { UsersPanel } from './UsersPanel.js';

/** Administration: accounts and their roles, groups and their members, the security audit log. */
export function AdminPage() {
  return (
    <Stack>
      <Title order={1}>Administration</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="groups">Groups</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <SecurityLog />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
