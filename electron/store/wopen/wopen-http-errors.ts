/** Internal failures of the Wopen adapter; the port only sees StoreError or TestResult. */
export class StoreAuthError extends Error {
  constructor() {
    super('credentials rejected');
  }
}

export class StoreNotWopenError extends Error {
  constructor(readonly status: number) {
    super(`not a Wopen store (HTTP ${status})`);
  }
}

export class StoreHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
