import { graphql } from '../../graphql.js';

/** Everything the job page draws; the subscription returns the same shape so the cache updates the page. */
export const JOB_FIELDS = graphql(`
  fragment JobFields on Job @_unmask {
    id
    action
    clusterId
    status
    phase
    live
    retries
    rollbackStatus
    currentLayer
    failedTaskId
    startedAt
    finishedAt
    temporalUrl
    workflowId
    runId
    failure {
      code
      message
      exitCode
      stdoutTail
      stderrTail
    }
    layers {
      index
      tasks {
        id
        title
        type
        nodeId
        status
        startedAt
        finishedAt
        attempts
        rollback
        allowedFailure
        failure {
          code
          message
          exitCode
          stdoutTail
          stderrTail
        }
      }
    }
  }
`);

export const JOB_QUERY = graphql(
  `
    query Job($id: ID!) {
      job(id: $id) {
        ...JobFields
      }
    }
  `,
  [JOB_FIELDS],
);

export const JOB_PROGRESS_SUBSCRIPTION = graphql(
  `
    subscription JobProgress($jobId: ID!) {
      jobProgress(jobId: $jobId) {
        ...JobFields
      }
    }
  `,
  [JOB_FIELDS],
);

export const RETRY_JOB = graphql(`
  mutation RetryJob($id: ID!) {
    retryJob(id: $id) {
      jobId
      runId
    }
  }
`);

export const ROLLBACK_JOB = graphql(`
  mutation RollbackJob($id: ID!) {
    rollbackJob(id: $id) {
      jobId
    }
  }
`);

export const CANCEL_JOB = graphql(`
  mutation CancelJob($id: ID!) {
    cancelJob(id: $id) {
      id
      status
    }
  }
`);
