import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toErrorJson, toNodeError } from '../shared/errors';
import { sleep } from '../shared/transport';
import { credentialLabel, credentialSecrets, readCredential, resolveTarget } from './credential-context';
import type { CredentialCache } from './credential-context';
import { outputOptions, readPagination, readRequestSpec } from './item-parameters';
import type { Options } from './item-parameters';
import { pagedItems } from './paged-output';
import { buildRequest } from './request-body';
import { toOutputItem } from './response-item';
import { createSender, transportFor } from './send-request';
import { assertUrlTrusted } from './trust';

export async function executeInvokeUrl(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const cache: CredentialCache = new Map();
	const batch = (this.getNodeParameter('options', 0, {}) as Options).batching?.batch;
	const batchSize = Math.max(1, Math.floor(batch?.batchSize ?? 0)) || Infinity;
	for (let i = 0; i < items.length; i++) {
		// Batching: a pause after every batchSize items (n8n-workflow's sleep; no timers in community nodes).
		if (batch && i > 0 && i % batchSize === 0 && (batch.batchInterval ?? 0) > 0) await sleep(batch.batchInterval ?? 0);
		try {
			out.push(...(await invokeOne.call(this, i, cache)));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, {
				itemIndex: i,
				credentialLabel: credentialLabel.call(this, i),
				secrets: await credentialSecrets.call(this, i, cache),
			});
			if (!this.continueOnFail()) throw nodeError;
			out.push({ json: toErrorJson(nodeError), pairedItem: { item: i } });
		}
	}
	return [out];
}

async function invokeOne(this: IExecuteFunctions, i: number, cache: CredentialCache): Promise<INodeExecutionData[]> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const options = this.getNodeParameter('options', i, {}) as Options;
	const credential = authentication === 'none' ? undefined : await readCredential.call(this, authentication, i, cache);
	const { url, trust } = resolveTarget(this.getNodeParameter('url', i) as string, credential);
	const label = credentialLabel.call(this, i) ?? 'The credential';
	const check = (target: string) => {
		// Before anything is sent: a URL from item data must not carry the credential to a host it was not made for.
		if (trust) assertUrlTrusted(target, trust, label);
	};
	check(url);
	const spec = await readRequestSpec.call(this, i, url, options);
	const first = buildRequest(spec);
	const send = createSender(transportFor.call(this, authentication, trust, options), options);
	const output = outputOptions(options);
	const pagination = readPagination.call(this, i);
	if (!pagination) return [await toOutputItem(this, await send(first), first.url, i, output)];
	return await pagedItems(this, { itemIndex: i, spec, first, pagination, send, check, output });
}
