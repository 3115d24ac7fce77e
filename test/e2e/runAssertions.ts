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

/** Items a node produced on its first run (output 0 unless given). */
export function outputOf(run: IRun, nodeName: string, output = 0): IDataObject[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Items a node produced over all its runs (a node inside a loop runs once per round), in order. */
export function outputOfEveryRun(run: IRun, nodeName: string, output = 0): IDataObject[] {
	return (run.data.resultData.runData[nodeName] ?? []).flatMap((task) => (task.data?.main?.[output] ?? []).map((item) => item.json));
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
