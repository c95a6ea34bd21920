/** Size of the drawing; small enough to sit in a table cell. */
const WIDTH = 120;
const HEIGHT = 28;
const PAD = 2;

/**
 * A series as a line in an inline SVG (no chart library for a few dozen points). The picture is
 * decorative to screen readers: the label says what it shows and the table next to it the numbers.
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  const points = values.map((value, index) => `${(PAD + index * step).toFixed(1)},${(HEIGHT - PAD - ((value - min) / span) * (HEIGHT - 2 * PAD)).toFixed(1)}`).join(' ');
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="sparkline">
      {values.length === 1 ? (
        <circle cx={WIDTH / 2} cy={HEIGHT / 2} r={2} fill="#1864ab" />
      ) : (
        <polyline points={points} fill="none" stroke="#1864ab" strokeWidth={1.5} strokeLinejoin="round" />
      )}
    </svg>
  );
}
