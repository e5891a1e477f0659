/** The task's input is not a valid contact-import payload: retrying cannot help. */
export class ContactImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostCall.InvalidInput';
  }
}
