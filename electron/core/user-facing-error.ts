/**
 * A failure whose message is meant for the user (Spanish). Errors cross IPC as plain messages; the dispatcher
 * passes these through and hides every other one.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
