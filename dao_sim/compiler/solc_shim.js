#!/usr/bin/env node
// dao-sim's stand-in for a native `solc`, backed by the npm package `solc` (solc-js).
//
// py-solc-x drives any executable that speaks two parts of solc's command line:
//   --version        two lines in native format; py-solc-x asks before *every* compile, so this
//                    answer must not load solc-js (0.3 s). The long version string (with the
//                    commit hash, known only once soljson is loaded) is cached in a file beside
//                    node_modules, stamped with soljson.js's size and mtime.
//   --standard-json  standard-JSON on stdin, standard-JSON on stdout (exit 0 even when the
//                    sources have errors, as native solc does). Imports the input does not carry
//                    are read from the import roots: --base-path, every --include-path and every
//                    --allow-paths entry, never from outside them.
//
// DAO_SIM_SOLC_JS may name the directory of the solc package to use (tests point it at a fake).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const BANNER = 'solc, the solidity compiler commandline interface';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function solcPackageDir() {
  if (process.env.DAO_SIM_SOLC_JS) {
    return path.resolve(process.env.DAO_SIM_SOLC_JS);
  }
  try {
    return path.dirname(require.resolve('solc/package.json', { paths: [__dirname, process.cwd()] }));
  } catch (err) {
    return fail('solc-js is not installed: run `make setup` (npm ci) in the dao-sim project');
  }
}

function versionStamp(solcDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(solcDir, 'package.json'), 'utf8'));
  const soljson = path.join(solcDir, 'soljson.js');
  const stat = fs.existsSync(soljson) ? fs.statSync(soljson) : { size: -1, mtimeMs: -1 };
  return { solcDir, packageVersion: pkg.version, size: stat.size, mtimeMs: stat.mtimeMs };
}

function versionCacheFiles(solcDir) {
  const name = 'solc-version.json';
  return [
    path.join(solcDir, '..', '.cache', 'dao-sim', name),
    path.join(os.tmpdir(), `dao-sim-${Buffer.from(solcDir).toString('hex').slice(-32)}-${name}`),
  ];
}

function readCachedVersion(solcDir, stamp) {
  for (const file of versionCacheFiles(solcDir)) {
    try {
      const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
      const same = Object.keys(stamp).every((key) => cached[key] === stamp[key]);
      if (same && typeof cached.longVersion === 'string') {
        return cached.longVersion;
      }
    } catch (err) {
      // Missing or unreadable: try the next place, then load solc.
    }
  }
  return null;
}

function writeCachedVersion(solcDir, stamp, longVersion) {
  const body = JSON.stringify({ ...stamp, longVersion });
  for (const file of versionCacheFiles(solcDir)) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, body);
      fs.renameSync(tmp, file);
      return;
    } catch (err) {
      // Read-only node_modules: fall back to the temp directory.
    }
  }
}

function loadSolc(solcDir, stamp) {
  const solc = require(solcDir);
  if (readCachedVersion(solcDir, stamp) !== solc.version()) {
    writeCachedVersion(solcDir, stamp, solc.version());
  }
  return solc;
}

function printVersion(solcDir) {
  const stamp = versionStamp(solcDir);
  const longVersion = readCachedVersion(solcDir, stamp) || loadSolc(solcDir, stamp).version();
  process.stdout.write(`${BANNER}\nVersion: ${longVersion}\n`);
}

function parseArgs(argv) {
  const args = { version: false, standardJson: false, basePath: null, roots: [], inputFile: null };
  const takesValue = new Set(['--base-path', '--include-path', '--allow-paths']);
  for (let i = 0; i < argv.length; i += 1) {
    let flag = argv[i];
    let value = null;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (takesValue.has(flag) && value === null) {
      i += 1;
      if (i >= argv.length) fail(`option '${flag}' needs a value`);
      value = argv[i];
    }
    if (flag === '--version') args.version = true;
    else if (flag === '--standard-json') args.standardJson = true;
    else if (flag === '--base-path') args.basePath = value;
    else if (flag === '--include-path') args.roots.push(value);
    else if (flag === '--allow-paths') args.roots.push(...value.split(',').filter(Boolean));
    else if (flag === '-' || !flag.startsWith('-')) args.inputFile = flag === '-' ? null : flag;
    else fail(`unrecognised option '${flag}'`);
  }
  return args;
}

function realDir(dir) {
  try {
    return fs.realpathSync(path.resolve(dir));
  } catch (err) {
    return null;
  }
}

function isInside(file, dir) {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function importCallback(roots) {
  return (unitName) => {
    const candidates = path.isAbsolute(unitName)
      ? [unitName]
      : roots.map((root) => path.join(root, unitName));
    for (const candidate of candidates) {
      let real;
      try {
        real = fs.realpathSync(candidate);
      } catch (err) {
        continue;
      }
      if (roots.some((root) => isInside(real, root)) && fs.statSync(real).isFile()) {
        return { contents: fs.readFileSync(real, 'utf8') };
      }
    }
    return { error: `File not found inside the base path or any of the include paths: ${unitName}` };
  };
}

function compileStandardJson(solcDir, args) {
  const input = fs.readFileSync(args.inputFile === null ? 0 : args.inputFile, 'utf8');
  const wanted = [args.basePath === null ? process.cwd() : args.basePath, ...args.roots];
  const roots = [...new Set(wanted.map(realDir).filter((dir) => dir !== null))];
  const solc = loadSolc(solcDir, versionStamp(solcDir));
  process.stdout.write(solc.compile(input, { import: importCallback(roots) }));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const solcDir = solcPackageDir();
  if (args.version) {
    printVersion(solcDir);
  } else if (args.standardJson) {
    compileStandardJson(solcDir, args);
  } else {
    fail('this shim only supports --version and --standard-json (solc-js behind dao-sim)');
  }
}

main();
