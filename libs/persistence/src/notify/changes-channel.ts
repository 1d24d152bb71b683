/** The channel Store.change notifies on at commit; payload "<accountId>:<revision>". */
export const CHANGES_CHANNEL = 'keygate_changes';
