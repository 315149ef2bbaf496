'use strict';
// SMTP catcher for the failure-report emails (issue 6): accepts any message (AUTH optional, any login, no TLS),
// keeps { id, from, to, subject, text, html, receivedAt } in memory for /_sandbox/mail and the page.
// MIME handling is deliberately small: headers, encoded-word subjects, multipart (text/plain preferred),
// quoted-printable and base64 bodies. No dependency beyond the `smtp-server` dev dependency.
const { SMTPServer } = require('smtp-server');

const MAX_MESSAGES = 500;

/** Splits a raw message (or MIME part) into lower-cased unfolded headers and the body. */
function splitMessage(raw) {
	const text = raw.replace(/\r\n/g, '\n');
	const end = text.indexOf('\n\n');
	const headText = end < 0 ? text : text.slice(0, end);
	const body = end < 0 ? '' : text.slice(end + 2);
	const headers = {};
	for (const line of headText.replace(/\n[ \t]+/g, ' ').split('\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return { headers, body };
}

function decodeQuotedPrintable(s, charset) {
	const bytes = [];
	const soft = s.replace(/=\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
		}
	}
	return Buffer.from(bytes).toString(toEncoding(charset));
}

const toEncoding = (charset) => (/^(iso-8859-1|latin1|us-ascii)$/i.test(charset || '') ? 'latin1' : 'utf8');

/** RFC 2047 encoded words in headers: =?UTF-8?B?...?= and =?UTF-8?Q?...?=. */
function decodeHeader(value) {
	if (!value) return '';
	return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, data) => {
		if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString(toEncoding(charset));
		return decodeQuotedPrintable(data.replace(/_/g, ' '), charset);
	});
}

function param(header, name) {
	const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header || '');
	return m ? m[1] ?? m[2] : undefined;
}

function decodeBody(part) {
	const cte = (part.headers['content-transfer-encoding'] || '').toLowerCase();
	const charset = param(part.headers['content-type'], 'charset');
	if (cte === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString(toEncoding(charset));
	if (cte === 'quoted-printable') return decodeQuotedPrintable(part.body, charset);
	return part.body;
}

/** Walks multipart bodies; returns { text, html } of the first text/plain and text/html parts. */
function extractBodies(part, out = { text: undefined, html: undefined }) {
	const type = (part.headers['content-type'] || 'text/plain').toLowerCase();
	if (type.startsWith('multipart/')) {
		const boundary = param(part.headers['content-type'], 'boundary');
		if (!boundary) return out;
		const sections = part.body.split(`--${boundary}`).slice(1);
		for (const s of sections) {
			if (s.startsWith('--')) break;
			extractBodies(splitMessage(s.replace(/^\n/, '')), out);
		}
		return out;
	}
	if (/attachment/i.test(part.headers['content-disposition'] || '')) return out;
	if (type.startsWith('text/html') && out.html === undefined) out.html = decodeBody(part);
	else if (type.startsWith('text/plain') && out.text === undefined) out.text = decodeBody(part);
	return out;
}

const htmlToText = (html) =>
	html
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
		.replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\n{3,}/g, '\n\n')
		.trim();

/** Parses a raw RFC 5322 message into the fields the sandbox shows. */
function parseMessage(raw) {
	const msg = splitMessage(raw);
	const bodies = extractBodies(msg);
	const text = bodies.text !== undefined ? bodies.text : bodies.html !== undefined ? htmlToText(bodies.html) : '';
	return {
		from: decodeHeader(msg.headers.from),
		toHeader: decodeHeader(msg.headers.to),
		subject: decodeHeader(msg.headers.subject),
		messageId: msg.headers['message-id'],
		text: text.replace(/\n+$/, ''),
		html: bodies.html,
	};
}

/**
 * Starts the catcher. { port = 0, host = '127.0.0.1', now } -> { port, messages, clear(), close() }.
 * `messages` is newest last: { id, from, to: [...], subject, text, html, receivedAt, user }.
 */
async function startSmtp({ port = 0, host = '127.0.0.1', now = () => Date.now(), onMessage } = {}) {
	const messages = [];
	let seq = 0;
	const server = new SMTPServer({
		logger: false,
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		size: 10 * 1024 * 1024,
		onAuth(auth, session, callback) {
			// Any login is fine: the catcher stands in for whatever mail server the user configures.
			callback(null, { user: auth.username || 'anonymous' });
		},
		onData(stream, session, callback) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				try {
					const parsed = parseMessage(Buffer.concat(chunks).toString('utf8'));
					const envelopeFrom = session.envelope.mailFrom && session.envelope.mailFrom.address;
					const message = {
						id: ++seq,
						from: parsed.from || envelopeFrom || '',
						envelopeFrom: envelopeFrom || '',
						to: session.envelope.rcptTo.map((r) => r.address),
						subject: parsed.subject,
						text: parsed.text,
						html: parsed.html,
						messageId: parsed.messageId,
						receivedAt: new Date(now()).toISOString(),
						user: session.user || null,
					};
					messages.push(message);
					if (messages.length > MAX_MESSAGES) messages.shift();
					if (onMessage) onMessage(message);
					callback(null, `queued as ${message.id}`);
				} catch (err) {
					callback(err);
				}
			});
		},
	});
	server.on('error', () => undefined); // a broken client connection must not crash the sandbox
	await new Promise((ok, fail) => {
		server.server.once('error', fail);
		server.listen(port, host, ok);
	});
	return {
		port: server.server.address().port,
		host,
		messages,
		clear: () => (messages.length = 0),
		close: () => new Promise((ok) => server.close(() => ok())),
	};
}

module.exports = { startSmtp, parseMessage, decodeHeader, decodeQuotedPrintable };
