// Minimal n8n -> lib Transport adapter for the two triggers' lifecycle and webhook calls.
// (Candidate for nodes/shared once the shared adapter lands; kept here so the triggers do not wait for it.)
import type { IDataObject, IHookFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';
import { NetworkError, TimeoutError } from '../../lib/http/errors';
import type { HttpRequest, HttpResponse, Transport } from '../../lib/http/types';

type Context = IHookFunctions | IWebhookFunctions;

interface FullResponse {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body: unknown;
}

function statusOf(error: unknown): number | undefined {
	const e = error as { httpCode?: unknown; statusCode?: unknown; response?: { status?: unknown } } | undefined;
	const code = Number(e?.httpCode ?? e?.statusCode ?? e?.response?.status);
	return Number.isInteger(code) && code >= 100 && code < 600 ? code : undefined;
}

function toOptions(request: HttpRequest, authenticated: boolean): IHttpRequestOptions {
	const qs: IDataObject = {};
	for (const [k, v] of Object.entries(request.qs ?? {})) if (v !== undefined) qs[k] = v;
	return {
		method: request.method,
		url: request.url,
		qs,
		headers: request.headers,
		body: request.body as IDataObject | undefined,
		json: true,
		returnFullResponse: true,
		timeout: request.timeoutMs,
		// A thrown 401 is what makes n8n refresh an OAuth2 token; every other status comes back to lib/ to classify.
		ignoreHttpStatusErrors: authenticated ? { ignore: true, except: [401] } : true,
	};
}

/** credentialType undefined = a plain request (e.g. HubSpot's developer-API-key calls). */
export function contextTransport(ctx: Context, credentialType?: string): Transport {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const options = toOptions(request, credentialType !== undefined);
		let failure: unknown;
		try {
			const r = (credentialType
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)
				: await ctx.helpers.httpRequest(options)) as FullResponse;
			return { statusCode: r.statusCode, headers: r.headers ?? {}, body: r.body };
		} catch (error) {
			failure = error;
		}
		const status = statusOf(failure);
		if (status !== undefined) return { statusCode: status, headers: {}, body: undefined };
		const code = (failure as { code?: unknown } | undefined)?.code;
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') throw new TimeoutError(request.method, request.url, request.timeoutMs ?? 0);
		throw new NetworkError(request.method, request.url, typeof code === 'string' ? code : undefined);
	};
}
