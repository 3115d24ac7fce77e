import type { Writable } from 'node:stream';

/**
 * Passes every chunk of `source` on and writes it, UTF-8 encoded, into `sink` as well, waiting when the
 * sink is full. The sink ends with the source, or is destroyed with the source's error (which still
 * reaches the reader), so rows and a file can come from one download.
 */
export async function* teeToSink(source: AsyncIterable<string>, sink: Writable): AsyncGenerator<string> {
	try {
		for await (const chunk of source) {
			if (!sink.write(Buffer.from(chunk, 'utf8'))) await new Promise((resolve) => sink.once('drain', resolve));
			yield chunk;
		}
		sink.end();
	} catch (error) {
		sink.destroy(error as Error);
		throw error;
	}
}
