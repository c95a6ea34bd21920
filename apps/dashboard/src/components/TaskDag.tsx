import { Text } from '@mantine/core';
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';

/** One task as the DAG draws it: a plan's task (no status) or a job's task (with status). */
export interface DagTask {
  readonly id: string;
  readonly label: string;
  /** Second line: the node or role it runs on, its kind. */
  readonly detail?: string;
  readonly status?: string;
  /** Seconds it took (or has taken so far). */
  readonly seconds?: number;
}

/** The tasks of a layer run in parallel; a layer starts when the previous one has succeeded. */
export interface DagLayer {
  readonly tasks: readonly DagTask[];
}

const TASK_WIDTH = 220;
const TASK_HEIGHT = 64;
const LAYER_GAP = 80;
const ROW_GAP = 16;
/** Beyond this many edges between two layers, one edge per layer stands for all of them. */
const MAX_EDGES_BETWEEN_LAYERS = 36;

const STATUS_COLORS: Record<string, string> = {
  successful: 'var(--mantine-color-green-6)',
  running: 'var(--mantine-color-blue-6)',
  failed: 'var(--mantine-color-red-7)',
  cancelled: 'var(--mantine-color-orange-7)',
  skipped: 'var(--mantine-color-gray-6)',
  pending: 'var(--mantine-color-gray-5)',
};

type TaskNode = Node<{ task: DagTask; selected: boolean }, 'task'>;

function TaskBox({ data }: NodeProps<TaskNode>) {
  const { task, selected } = data;
  const color = STATUS_COLORS[task.status ?? 'pending'] ?? STATUS_COLORS['pending'];
  return (
    <div
      data-testid={`dag-task-${task.id}`}
      data-status={task.status ?? 'planned'}
      style={{
        width: TASK_WIDTH,
        height: TASK_HEIGHT,
        boxSizing: 'border-box',
        border: `2px solid ${color}`,
        borderRadius: 6,
        padding: '6px 8px',
        background: selected ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-body)',
        overflow: 'hidden',
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Text size="xs" fw={700} truncate>
        {task.label}
      </Text>
      <Text size="xs" c="gray.7" truncate>
        {task.detail ?? ''}
      </Text>
      {/* The border carries the status colour; text stays dark enough to read (WCAG AA contrast). */}
      <Text size="xs" c="gray.8" truncate>
        {task.status ?? 'planned'}
        {task.seconds !== undefined ? ` · ${task.seconds.toFixed(1)} s` : ''}
      </Text>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { task: TaskBox };

/** Lays layers out as columns (x = layer, y = place in the layer): the order tasks run in reads left to right. */
function layout(layers: readonly DagLayer[], selectedId: string | undefined): { nodes: TaskNode[]; edges: Edge[] } {
  const nodes: TaskNode[] = [];
  const edges: Edge[] = [];
  layers.forEach((layer, column) => {
    layer.tasks.forEach((task, row) => {
      nodes.push({
        id: task.id,
        type: 'task',
        position: { x: column * (TASK_WIDTH + LAYER_GAP), y: row * (TASK_HEIGHT + ROW_GAP) },
        // A fixed size: React Flow keeps nodes it has not measured hidden, and these are rebuilt on every update.
        width: TASK_WIDTH,
        height: TASK_HEIGHT,
        data: { task, selected: task.id === selectedId },
        draggable: false,
        connectable: false,
      });
    });
    const previous = layers[column - 1];
    if (!previous) return;
    const dense = previous.tasks.length * layer.tasks.length > MAX_EDGES_BETWEEN_LAYERS;
    const sources = dense ? previous.tasks.slice(0, 1) : previous.tasks;
    const targets = dense ? layer.tasks.slice(0, 1) : layer.tasks;
    for (const source of sources) for (const target of targets) edges.push({ id: `${source.id}->${target.id}`, source: source.id, target: target.id });
  });
  return { nodes, edges };
}

/** A plan or a job drawn as its layered DAG; clicking a task selects it. */
export function TaskDag({ layers, selectedId, onSelect, height = 360, label }: { layers: readonly DagLayer[]; selectedId?: string; onSelect?: (taskId: string) => void; height?: number; label: string }) {
  const { nodes, edges } = useMemo(() => layout(layers, selectedId), [layers, selectedId]);
  return (
    <div style={{ height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} role="figure" aria-label={label} data-testid="task-dag">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        // Opens on the first layers at a readable size: a long plan is panned, not shrunk until unreadable.
        defaultViewport={{ x: 16, y: 16, zoom: 0.8 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, node) => onSelect?.(node.id)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
