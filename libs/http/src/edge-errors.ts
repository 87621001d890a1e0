import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode } from './domain-error';
import { HttpErrorFilter } from './error-filter';

const filter = new HttpErrorFilter();

/**
 * Errors Fastify answers before any route runs (a URL that is not valid percent-encoding, a path
 * parameter over the length limit): the same error shape and stable code as every other answer.
 */
export function frameworkErrors(error: Error, _req: FastifyRequest, reply: FastifyReply): void {
  const [status, body] = filter.toResponse(error);
  void reply.status(status).send(body);
}

/**
 * Errors the HTTP parser meets (headers or URL too large, broken request line): there is no
 * request to answer through, so the answer is written to the socket, in our error shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Alamat atau header permintaan terlalu panjang.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Permintaan tidak selesai dikirim tepat waktu.']
        : [400, 'Bad Request', 'Permintaan tidak valid.'];
  const body = JSON.stringify({ error: { code: CommonErrorCode.ValidationFailed, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
