'use strict';
// The files a single-node KRaft broker reads: server.properties and its log4j2 configuration.
const fs = require('node:fs');
const path = require('node:path');

const NODE_ID = 1;

function serverProperties({ port, controllerPort, logDir, numPartitions }) {
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': NODE_ID,
    'controller.quorum.voters': `${NODE_ID}@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': numPartitions,
    'auto.create.topics.enable': true,
    'offsets.topic.replication.factor': 1,
    // One partition for the internal topics: a first consumer group or transaction then
    // waits for one partition leader instead of fifty.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
}

// Everything goes to stdout, which the launcher points at the broker's log file.
const LOG4J2_PROPERTIES = `status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.requests.name = kafka.request.logger
logger.requests.level = WARN
`;

/** Writes the broker's configuration into dataDir and returns where everything lives. */
function writeBrokerConfig({ port, dataDir, numPartitions }) {
  const logDir = path.join(dataDir, 'kraft-logs');
  const serverPropertiesFile = path.join(dataDir, 'server.properties');
  const log4jConfigFile = path.join(dataDir, 'log4j2.properties');
  fs.mkdirSync(logDir, { recursive: true });
  fs.writeFileSync(
    serverPropertiesFile,
    serverProperties({ port, controllerPort: port + 1, logDir, numPartitions }),
  );
  fs.writeFileSync(log4jConfigFile, LOG4J2_PROPERTIES);
  return { logDir, serverPropertiesFile, log4jConfigFile };
}

/** Whether the storage in logDir was formatted before (and so holds a cluster's data). */
function isFormatted(logDir) {
  return fs.existsSync(path.join(logDir, 'meta.properties'));
}

module.exports = { writeBrokerConfig, isFormatted };
