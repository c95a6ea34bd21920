/** Link to a workflow run's history in the Temporal web UI. */
export function temporalUiWorkflowUrl(
  temporal: { uiUrl: string; namespace: string },
  workflowId: string,
  runId: string,
): string {
  const base = temporal.uiUrl.replace(/\/$/, '');
  return `${base}/namespaces/${encodeURIComponent(temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
}
