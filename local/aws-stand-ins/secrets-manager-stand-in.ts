/**
 * Secrets Manager's GetSecretValue (JSON 1.1 protocol) on 127.0.0.1, answering one secret: for a
 * function running in a child process (a bundle as deployed), which the in-process SDK mocks
 * cannot reach. Point it there with AWS_ENDPOINT_URL_SECRETS_MANAGER.
 *
 * @example
 * ```ts
 * const secrets = await startSecretsManagerStandIn(JSON.stringify(emulatorSecret(emulator)));
 * spawn(node, [script], { env: { ...env, AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url } });
 * await secrets.close();
 * ```
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server answering Secrets Manager's GetSecretValue with `secret` (any other call is
 * refused), for runs that go through the real SDK client.
 */
export async function startSecretsManagerStandIn(
  secret: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target !== 'secretsmanager.GetSecretValue') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unsupported ${target}` }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stand-in',
          Name: 'stand-in',
          SecretString: secret,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
