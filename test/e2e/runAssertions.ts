import type { IDataObject, IRun } from 'n8n-workflow';
import { describeRunErrors, tail, type ExecutionResult } from './realN8n';

/** Fails with the failing node's error (name, message, description, HTTP code) and n8n's output tail. */
export function expectSuccessfulRun(result: ExecutionResult, label: string): IRun {
	const nodeErrors = describeRunErrors(result.run);
	const ok = result.code === 0 && !result.timedOut && result.run !== undefined && !result.run.data.resultData.error && nodeErrors.length === 0;
	if (!ok) {
		const why = result.timedOut ? 'n8n execute timed out' : `n8n execute exited with code ${result.code}`;
		throw new Error(
			[
				`${label}: ${why}${result.run ? '' : ' and printed no run'}.`,
				...nodeErrors.map((line) => `  ✗ ${line}`),
				'--- n8n output (last lines) ---',
				tail(result.stdout, 25),
				tail(result.stderr, 25),
			].join('\n'),
		);
	}
	return result.run as IRun;
}

/** `printedRun: false`: n8n printed the run cut short, so which nodes ran is unknown (see successfulRun). */
export interface RunCheckOptions {
	printedRun?: boolean;
}

/**
 * `n8n execute` logs the run through n8n's logger and exits right after; for a large run (a month of
 * VAT lines, node by node) the end of that JSON can be lost at exit, while the exit code still says how
 * the run ended (1 on any error). So: exit code 0 and a run JSON that began but was cut short count as a
 * successful run whose node outputs are unknown; a check then relies on what the stand-ins received,
 * which is complete and compared line by line.
 */
export function successfulRun(result: ExecutionResult, label: string, startedAtMs: number): { run: IRun; printed: boolean } {
	const cutShort = result.code === 0 && !result.timedOut && result.run === undefined && result.stdout.includes('"resultData"');
	if (!cutShort) return { run: expectSuccessfulRun(result, label), printed: true };
	return { run: { startedAt: new Date(startedAtMs), mode: 'cli', finished: true, status: 'success', data: { resultData: { runData: {} } } } as unknown as IRun, printed: false };
}

/** Items a node produced on its first run (output 0 unless given). */
export function outputOf(run: IRun, nodeName: string, output = 0): IDataObject[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Items a node produced over all its runs (a node inside a loop runs once per round), in order. */
export function outputOfEveryRun(run: IRun, nodeName: string, output = 0): IDataObject[] {
	return (run.data.resultData.runData[nodeName] ?? []).flatMap((task) => (task.data?.main?.[output] ?? []).map((item) => item.json));
}

/** What a node said in n8n's output pane (execution hints) on its first run. */
export function hintsOf(run: IRun, nodeName: string): string[] {
	return (run.data.resultData.runData[nodeName]?.[0]?.hints ?? []).map((hint) => hint.message);
}

export function ranNodes(run: IRun): string[] {
	return Object.keys(run.data.resultData.runData);
}

/** Exact decimal text of an amount in minor units (the emulator's own bookkeeping), e.g. -1234 USD → "-12.34". */
export function minorToDecimalText(minor: number, digits: number): string {
	const negative = minor < 0;
	const text = String(Math.abs(minor)).padStart(digits + 1, '0');
	const whole = digits ? text.slice(0, -digits) : text;
	const fraction = digits ? `.${text.slice(-digits)}` : '';
	return `${negative ? '-' : ''}${whole}${fraction}`;
}
