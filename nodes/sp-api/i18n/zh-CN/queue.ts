/** Run-time texts of queue-mode sharing (nodes/sp-api/sharing): lines an operator reads in n8n's log. */
export const queue: Readonly<Record<string, string>> = {
	'ACORN shares Amazon rate limits with the other n8n processes through Redis at {0}.':
		'ACORN 通过 Redis（{0}）与其他 n8n 进程共享亚马逊的调用频率限制。',
	'ACORN reaches Redis at {0} again: Amazon rate limits are shared by all n8n processes again.':
		'ACORN 已重新连上 Redis（{0}）：所有 n8n 进程重新共享亚马逊的调用频率限制。',
	'ACORN cannot use Redis at {0} ({1}). Until Redis answers again, each n8n process paces its Amazon calls on its own, so Amazon may answer "429 Too Many Requests" more often; workflows keep running. ACORN tries Redis again in {2} s.':
		'ACORN 无法使用 Redis（{0}）（{1}）。在 Redis 恢复之前，每个 n8n 进程各自控制调用亚马逊的节奏，亚马逊可能更常返回“429 Too Many Requests”（请求过多）；工作流照常运行。ACORN 将在 {2} 秒后重新尝试连接 Redis。',
};
