import { Avatar } from '@mantine/core';

/** An app's icon (a URL from its package.json), or its initials when it has none. */
export function AppIcon({ name, icon, size = 48 }: { name: string; icon: string | null; size?: number }) {
  if (icon) return <img src={icon} alt={`${name} icon`} width={size} height={size} style={{ objectFit: 'contain', borderRadius: 8 }} />;
  return (
    <Avatar size={size} radius="md" color="blue" alt={`${name} icon`} role="img" aria-label={`${name} icon`}>
      {name.slice(0, 2).toUpperCase()}
    </Avatar>
  );
}
