/**
 * An error as a Step Functions AWS SDK integration reports it: `<Service>.<ExceptionName>`
 * (e.g. `Transcribe.ConflictException`), which is what the ASL's Retry/Catch match.
 */
export class ServiceIntegrationError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
