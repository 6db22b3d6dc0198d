// GitHub's REST API as far as pull-request comments go, on a local port: for the tests of comment and the Action.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The only token the fake accepts; the tests check it is never printed. */
export const TOKEN = 'ghs_fake0token0that0must0never0be0printed';

export interface Comment {
  id: number;
  body: string;
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** GitHub, as far as comments go: pages of 100 with a Link header, comments kept between runs. */
export class FakeGitHub {
  comments: Comment[] = [];
  seen: Seen[] = [];
  /** The next answer instead of the real one (error cases). */
  failure: { status: number; headers?: Record<string, string>; body: unknown } | undefined;
  private nextId = 1000;
  private readonly server = createServer((request, response) => void this.answer(request, response));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reset(others: number): void {
    this.comments = Array.from({ length: others }, (_, index) => ({
      id: index + 1,
      body: `a reviewer's comment ${index + 1}`,
    }));
    this.seen = [];
    this.failure = undefined;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const body = text === '' ? undefined : JSON.parse(text);
    this.seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };
    if (this.failure) return send(this.failure.status, this.failure.body, this.failure.headers);
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
    if (
      request.headers.accept !== 'application/vnd.github+json' ||
      request.headers['x-github-api-version'] !== '2022-11-28' ||
      !request.headers['user-agent']
    ) {
      return send(400, { message: 'missing GitHub headers' });
    }
    const url = new URL(request.url!, this.url);
    const list = /^\/repos\/acme\/shop\/issues\/7\/comments$/.exec(url.pathname);
    const one = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(this.comments.length / perPage));
      const link: Record<string, string> =
        page < last
          ? {
              link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"`,
            }
          : {};
      return send(200, this.comments.slice((page - 1) * perPage, page * perPage), link);
    }
    const valid =
      typeof (body as { body?: unknown })?.body === 'string' && request.headers['content-type'] === 'application/json';
    if (list && request.method === 'POST' && valid) {
      const comment = { id: this.nextId++, body: (body as Comment).body };
      this.comments.push(comment);
      return send(201, comment);
    }
    const existing = one && this.comments.find((comment) => comment.id === Number(one[1]));
    if (existing && request.method === 'PATCH' && valid) {
      existing.body = (body as Comment).body;
      return send(200, existing);
    }
    return send(404, { message: 'Not Found' });
  }
}
