// Checks xAPI statements with Learning Locker's xapi-validation: reads a JSON list of
// statements on stdin, prints a JSON list with, for each one, its problems (none: []).
'use strict';
const validate = require('xapi-validation').default;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const statements = JSON.parse(input);
  const problems = statements.map((statement) =>
    validate(statement).map((warning) => `${warning.name} at ${warning.path.join('.')}`));
  process.stdout.write(JSON.stringify(problems));
});
