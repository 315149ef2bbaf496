import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import type { StoredCredential } from '../../support/n8n-harness';

export const INVOKE_URL_TYPE = `${PACKAGE_NAME}.invokeUrl`;

/**
 * Runs one Invoke URL node in-process with `parameters` as given (the caller sets its own option defaults), signed
 * in with the stored credential `cred` of `creds` when one is named (else Authentication = None).
 */
export async function runInvokeUrl(creds: Record<string, StoredCredential>, parameters: IDataObject, opts: { cred?: string; items?: INodeExecutionData[] } = {}) {
	const auth = opts.cred ? creds[opts.cred].type : 'none';
	const h = createHarness({ credentials: creds });
	const result = await h.runWorkflow({
		nodes: [
			{
				name: 'Invoke',
				type: INVOKE_URL_TYPE,
				parameters: { authentication: auth, ...parameters },
				...(opts.cred ? { credentials: { [auth]: { id: opts.cred, name: creds[opts.cred].name ?? '' } } } : {}),
			},
		],
		items: opts.items,
	});
	return { result, out: result.output('Invoke') };
}
