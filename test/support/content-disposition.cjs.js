// content-disposition 3 (used by @fastify/static, which serves /docs) is an ES module. Node 20.19+
// requires it natively; jest's CommonJS sandbox cannot, so tests get the same API from version 1.
const contentDisposition = require('content-disposition-cjs');

module.exports = { create: contentDisposition, parse: contentDisposition.parse };
