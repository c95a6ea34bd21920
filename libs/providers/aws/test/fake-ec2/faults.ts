/**
 * EC2 errors as the Query protocol reports them: a code from the documented error-code list
 * (errors-overview in the EC2 API reference) and an HTTP status. Client errors use the 400 series,
 * server errors the 500 series; the statuses below are the ones EC2 is known to send per code.
 */
export class Ec2Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'Ec2Fault';
  }
}

/** `InvalidParameterValue`: a parameter has a value EC2 does not accept. */
export function invalidValue(message: string): Ec2Fault {
  return new Ec2Fault('InvalidParameterValue', message);
}

/** `MissingParameter`: a required parameter is absent. */
export function missingParameter(name: string): Ec2Fault {
  return new Ec2Fault('MissingParameter', `Missing required parameter ${name}`);
}

/** `<Resource>.NotFound` for ids that are well formed but unknown (e.g. `InvalidInstanceID.NotFound`). */
export function notFound(code: string, what: string, id: string): Ec2Fault {
  return new Ec2Fault(code, `No ${what} with id ${id}`);
}

/** `<Resource>.Malformed` for ids that cannot be ids (e.g. `InvalidInstanceID.Malformed`). */
export function malformed(code: string, id: string): Ec2Fault {
  return new Ec2Fault(code, `${id} is not a well-formed id`);
}

/** `IdempotentParameterMismatch`: a client token reused with different parameters. */
export function idempotentMismatch(token: string): Ec2Fault {
  return new Ec2Fault('IdempotentParameterMismatch', `Client token ${token} was already used with different parameters`);
}

/** `IncorrectInstanceState`: the instance's state does not allow the action. */
export function incorrectInstanceState(instanceId: string, state: string, action: string): Ec2Fault {
  return new Ec2Fault('IncorrectInstanceState', `Instance ${instanceId} cannot be ${action} while ${state}`);
}

/** `IncorrectState`: a volume's state does not allow the action. */
export function incorrectVolumeState(volumeId: string, state: string): Ec2Fault {
  return new Ec2Fault('IncorrectState', `Volume ${volumeId} is ${state}`);
}
