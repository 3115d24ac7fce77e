/** Notifications without the AWS console: preparing the SQS queue, the trigger's notice and credential labels. */
export const notif: Readonly<Record<string, string>> = {
	// Notifications Trigger
	'Choose both credentials above: n8n fills in only one by itself. Amazon delivers these notifications into an SQS queue in your AWS account: turn on "Prepare Queue" below and ACORN creates the queue and lets Amazon send to it. No AWS account? Use the New Refund Trigger instead.':
		'请在上方选好两个凭证：n8n 自己只会填入其中一个。亚马逊把这些通知投递到你 AWS 账号里的一个 SQS 队列：打开下面的“Prepare Queue”（准备队列），ACORN 会创建队列并允许亚马逊往里发送。没有 AWS 账号？请改用 New Refund Trigger（新退款触发器）。',
	'Prepare Queue': '准备队列',
	"Whether ACORN creates the queue of the Amazon SQS credential when it does not exist yet and adds the statement that lets Amazon SP-API send to it to the queue's access policy (your own statements stay), each time the workflow is activated. Needs an access key with the IAM policy from the README.":
		'每次激活工作流时，是否由 ACORN 创建 Amazon SQS 凭证中的队列（如果还不存在），并在队列的访问策略里加上允许亚马逊 SP-API 发送的语句（你自己的语句保持不变）。需要一个带有 README 中 IAM 策略的访问密钥。',
	'Amazon Seller Account (SP-API)': '亚马逊卖家账户（SP-API）',
	'AWS Queue Amazon Sends To (SQS)': '亚马逊投递通知的 AWS 队列（SQS）',

	// EventBridge Trigger: its notice and the label of its second credential
	'Choose both credentials above: n8n fills in only one by itself. Steps in AWS: after activating this workflow, open EventBridge → Partner event sources, associate the Amazon SP-API source with an event bus, then create a rule on that bus whose target is an API destination with this node\'s Production URL (method POST) and a connection of type "API key" with the header name and secret of the "Amazon EventBridge Webhook API" credential chosen above.':
		'请在上方选好两个凭证：n8n 自己只会填入其中一个。AWS 里的步骤：激活这个工作流后，打开 EventBridge → 合作伙伴事件源（Partner event sources），把 Amazon SP-API 事件源关联到一个事件总线，然后在该总线上创建一条规则，目标为 API 目的地：地址用这个节点的 Production URL（方法 POST），连接类型为“API key”，请求头名称和密钥与上方所选的 “Amazon EventBridge Webhook API” 凭证相同。',
	'Secret EventBridge Sends (Webhook)': 'EventBridge 发送的密钥（Webhook）',
	'The access policy of SQS queue {0} does not let Amazon SP-API send to it: notifications will not arrive. Turn on "Prepare Queue" in the trigger and ACORN adds the statement, or add it yourself: {1}':
		'SQS 队列 {0} 的访问策略不允许亚马逊 SP-API 往里发送：通知不会到达。在触发器里打开“Prepare Queue”（准备队列），ACORN 会加上这条语句；或者你自己添加：{1}',

	// Amazon SQS API credential
	'Use an access key of an IAM user that has the IAM policy from the README. ACORN can create the queue and let Amazon SP-API send to it: choose "By Region and Name", type a name starting with amazon-notifications and turn on "Prepare Queue" in the trigger. The <a href="https://github.com/acorn-sp-api/n8n-nodes-acorn#notifications-triggers-and-settings">README</a> shows each click.':
		'使用一个 IAM 用户的访问密钥，该用户附加了 README 中的 IAM 策略。ACORN 可以替你创建队列并允许亚马逊 SP-API 往里发送：选择“By Region and Name”（按地区和名称），填写以 amazon-notifications 开头的队列名，并在触发器里打开“Prepare Queue”（准备队列）。<a href="https://github.com/acorn-sp-api/n8n-nodes-acorn/blob/main/README.zh-CN.md#通知触发器和设置">README</a> 里有每一步的说明。',

	// Notification Settings node: Queue → Prepare / Check
	'Amazon SP-API Notification Settings': '亚马逊 SP-API 通知设置',
	'Prepare the SQS queue Amazon sends notifications to, see where Amazon sends them and which ones a store is subscribed to': '准备亚马逊投递通知的 SQS 队列，查看亚马逊把通知发到哪里、店铺订阅了哪些通知',
	'Queue (AWS SQS)': '队列（AWS SQS）',
	Check: '检查',
	'See whether the queue exists and whether Amazon SP-API may send to it (changes nothing)': '查看队列是否存在、亚马逊 SP-API 能否往里发送（不做任何修改）',
	'Check the notifications queue': '检查通知队列',
	Prepare: '准备',
	'Create the queue (or use the existing one) and let Amazon SP-API send to it: no JSON policy to edit by hand': '创建队列（或使用已有的队列）并允许亚马逊 SP-API 往里发送：不用手写 JSON 策略',
	'Prepare the notifications queue': '准备通知队列',
	'Uses the queue of the Amazon SQS credential (choose "By Region and Name" for a queue that does not exist yet). The access key needs the IAM policy shown in the README.':
		'使用 Amazon SQS 凭证里的队列（队列还不存在时请选“By Region and Name”按地区和名称）。访问密钥需要 README 中给出的 IAM 策略。',

	// the Amazon SQS API credential's test
	'Turn on "Prepare Queue" in the trigger (or run Amazon SP-API Notification Settings → Queue → Prepare) and ACORN adds the statement, or add it yourself in the SQS console (queue → Access policy → Edit): {0}':
		'在触发器里打开“Prepare Queue”（准备队列），或运行 Amazon SP-API Notification Settings → Queue → Prepare（通知设置 → 队列 → 准备），ACORN 会加上这条语句；也可以自己在 SQS 控制台添加（队列 → Access policy → Edit）：{0}',
	'The AWS key works, but there is no queue {0} in {1} yet. Turn on "Prepare Queue" in the trigger (or run Amazon SP-API Notification Settings → Queue → Prepare) and ACORN creates it.':
		'AWS 密钥可以使用，但 {1} 里还没有队列 {0}。在触发器里打开“Prepare Queue”（准备队列），或运行 Amazon SP-API Notification Settings → Queue → Prepare（通知设置 → 队列 → 准备），ACORN 会创建它。',

	// what preparing and checking the queue say (run time)
	"The queue has an access policy that is not valid JSON; ACORN does not overwrite it.": '队列的访问策略不是有效的 JSON；ACORN 不会覆盖它。',
	"The queue's access policy denies Amazon SP-API explicitly; ACORN does not remove a Deny.": '队列的访问策略明确拒绝（Deny）亚马逊 SP-API；ACORN 不会删除拒绝语句。',
	'Attach this IAM policy to the AWS user of the access key (IAM → Users → your user → Add permissions → Create inline policy → JSON). It covers queues whose name starts with "amazon-notifications"; for another name, change the end of "Resource".':
		'请把下面的 IAM 策略附加到这个访问密钥所属的 AWS 用户（IAM → Users → 你的用户 → Add permissions → Create inline policy → JSON）。它适用于名字以“amazon-notifications”开头的队列；队列用别的名字时，请修改“Resource”的结尾。',
	'create SQS queues': '创建 SQS 队列',
	'change the access policy of the queue': '修改队列的访问策略',
	'look up the queue by its name': '按名称查找队列',
	'read the settings of the queue': '读取队列的设置',
	'AWS refused {0}: the AWS user of this access key may not {1}.': 'AWS 拒绝了 {0}：这个访问密钥所属的 AWS 用户无权{1}。',
	'The Amazon SQS credential names no queue.': 'Amazon SQS 凭证里没有填写队列。',
	'Choose "By Region and Name" in the credential and type a queue name such as amazon-notifications.': '请在凭证里选择“By Region and Name”（按地区和名称），并填写一个队列名，例如 amazon-notifications。',
	'There is no queue {0} in {1} yet: run "Queue → Prepare" (or turn on "Prepare Queue" in the trigger) to create it.':
		'{1} 里还没有队列 {0}：运行“Queue → Prepare”（队列 → 准备），或在触发器里打开“Prepare Queue”（准备队列）来创建它。',
	'Created the standard queue {0} in {1}.': '已在 {1} 创建标准队列 {0}。',
	'Found the queue {0} in {1}; ACORN uses it as it is.': '在 {1} 找到了队列 {0}；ACORN 按原样使用它。',
	'Added the statement that lets Amazon SP-API send to it to its access policy; other statements stay as they were.': '已在它的访问策略里加上允许亚马逊 SP-API 发送的语句；其他语句保持不变。',
	"Renewed ACORN's own statement in its access policy; other statements stay as they were.": '已更新访问策略中 ACORN 自己的语句；其他语句保持不变。',
	'Checked: Amazon SP-API may send notifications to it.': '已检查：亚马逊 SP-API 可以往这个队列发送通知。',
	'AWS took the new access policy but does not show it yet (this can take up to a minute): check again in a minute.': 'AWS 已接受新的访问策略，但还没有显示出来（最多可能需要一分钟）：请一分钟后再检查。',
	'Its access policy does not let Amazon SP-API send to it, so notifications would never arrive: run "Queue → Prepare".': '它的访问策略不允许亚马逊 SP-API 往里发送，通知永远不会到达：请运行“Queue → Prepare”（队列 → 准备）。',
	"The queue is encrypted with your own KMS key: that key's policy must also let Amazon SP-API (AWS account {0}) use it (kms:GenerateDataKey, kms:Decrypt), or switch the queue to SSE-SQS encryption.":
		'这个队列使用你自己的 KMS 密钥加密：该密钥的策略也必须允许亚马逊 SP-API（AWS 账号 {0}）使用它（kms:GenerateDataKey、kms:Decrypt），或者把队列改用 SSE-SQS 加密。',
	'The queue URL is {0}, not the one in the credential: put this URL into the Amazon SQS credential.': '队列地址是 {0}，不是凭证里填写的那个：请把这个地址填进 Amazon SQS 凭证。',
	'Add this statement to it yourself (SQS console → the queue → Access policy → Edit):': '请你自己把下面这条语句加进去（SQS 控制台 → 该队列 → Access policy → Edit）：',
	'A queue named {0} already exists with other settings. ACORN uses an existing queue as it is: run it again.': '名为 {0} 的队列已经存在，但设置不同。ACORN 会按原样使用已有的队列：请再运行一次。',
	'A queue named {0} was deleted less than a minute ago. AWS lets you create it again 60 seconds after deleting it: wait a minute and run it again.':
		'名为 {0} 的队列在不到一分钟前被删除。AWS 要在删除 60 秒后才允许再次创建：请等一分钟后再运行。',
	'AWS said: {0}': 'AWS 原话：{0}',
	'AWS request ID: {0}': 'AWS 请求 ID：{0}',
};
