import { Badge } from '@mantine/core';

/**
 * Marks a Helm chart among versions; Pitrix packages, the usual kind, show nothing so lists stay quiet.
 * The API's `AppVersion.kind` is `pitrix` or `helm`.
 */
export function KindBadge({ kind }: { kind: string }) {
  if (kind !== 'helm') return null;
  return (
    // Dark text on the light tint, as StatusBadge: the light variant's own text colour fails WCAG AA contrast.
    <Badge color="indigo" variant="light" c="dark.8" data-testid="kind-helm">
      Helm chart
    </Badge>
  );
}
