import { Table, Text } from '@mantine/core';
import { Sparkline } from '../../components/Sparkline.js';
import { latestValue, numericValues, type MonitorItemView } from './monitor-series.js';

/** One monitor item: the latest value and the hour's line, for the roll-up and for each node. */
export function MonitorItemTable({ view }: { view: MonitorItemView }) {
  const unit = view.unit ? ` ${view.unit}` : '';
  return (
    <Table data-testid={`monitor-item-${view.item}`} captionSide="top">
      <Table.Caption>
        <Text span fw={600} ff="monospace" c="dark.8">
          {view.item}
        </Text>{' '}
        <Text span size="xs" c="gray.7">
          {view.unit ? `in ${view.unit}, ` : ''}
          {view.statisticsType} per minute
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Node</Table.Th>
          <Table.Th>Latest</Table.Th>
          <Table.Th>Last hour</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {view.series.map((series) => {
          const who = series.nodeId ?? 'All nodes';
          return (
            <Table.Tr key={who} data-testid={series.nodeId ? `monitor-node-${series.nodeId}` : 'monitor-rollup'}>
              <Table.Td ff={series.nodeId ? 'monospace' : undefined}>{who}</Table.Td>
              <Table.Td>
                {latestValue(series)}
                {series.points.length > 0 ? unit : ''}
              </Table.Td>
              <Table.Td>
                <Sparkline values={numericValues(series)} label={`${view.item} of ${who} over the last hour`} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
