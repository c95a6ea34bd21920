import { Checkbox, Group } from '@mantine/core';
import { ROLES } from './admin-documents.js';

/** The platform roles as checkboxes: four fixed choices read better ticked than picked from a list. */
export function RolesField({ value, onChange }: { value: string[]; onChange: (roles: string[]) => void }) {
  return (
    <Checkbox.Group label="Roles" value={value} onChange={onChange}>
      <Group mt="xs">
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={role} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
