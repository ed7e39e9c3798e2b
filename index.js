// n8n finds this package's nodes and credentials through the `n8n` block of package.json, not
// through this file. It exists so that `require('n8n-nodes-rtc-paas')` resolves and tells what is inside.
const { n8n } = require('./package.json');

module.exports = { nodes: n8n.nodes, credentials: n8n.credentials };
