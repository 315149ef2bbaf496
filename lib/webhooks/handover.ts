/**
 * What a webhook trigger can learn about the execution it asked for. n8n 2.41 calls the node's webhook() before it
 * creates the execution, and tells the node nothing afterwards. But for responseMode 'onReceived' it answers the
 * caller only once WorkflowRunner.run() has created the execution (regular mode) or added it to the queue (queue
 * mode), and answers 500 "There was a problem executing the workflow" when that failed (n8n
 * packages/cli/src/webhooks/webhook-helpers.ts, executeWebhook: shouldDeferOnReceivedResponse). So the status of the
 * answer on the Express response, when it finishes, says whether the delivery was handed over. See
 * docs/webhook-delivery.md.
 */

/** The part of an Express/Node ServerResponse this module needs. */
export interface ObservableResponse {
	once?: (event: 'finish' | 'close', listener: () => void) => unknown;
	statusCode?: number;
}

export const canObserveAnswer = (res: unknown): res is Required<Pick<ObservableResponse, 'once'>> & ObservableResponse =>
	typeof res === 'object' && res !== null && typeof (res as ObservableResponse).once === 'function';

/**
 * Calls `done(true)` once the answer finished with a 2xx status, `done(false)` when it finished with another status
 * or the connection closed before an answer was sent. Returns false (and calls nothing) when `res` cannot be observed.
 */
export function whenHandedOver(res: unknown, done: (handedOver: boolean) => void): boolean {
	if (!canObserveAnswer(res)) return false;
	let settled = false;
	const settle = (finished: boolean) => {
		if (settled) return;
		settled = true;
		const status = Number(res.statusCode ?? 0);
		done(finished && status >= 200 && status < 300);
	};
	res.once('finish', () => settle(true));
	res.once('close', () => settle(false));
	return true;
}
