// A real nginx (Debian's package) serving the release build with exactly the configuration users
// deploy: deploy/render.sh renders deploy/nginx/*.conf.template from an environment file, and a
// small nginx.conf around them supplies what a real server block has of its own (the listen port,
// a session check, temporary paths). The upstream is ada-stand-in, in place of Ada.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/harness.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
/** The cookie the session check below accepts: the host app's signed-in admin. */
export const HOST_SESSION_COOKIE = { name: 'host_session', value: 'admin' };

/**
 * Renders deploy/ with `settings` (the environment file's variables) and starts nginx in the
 * foreground on a free loopback port; resolves with its URL, the rendered files and `stop()`.
 */
export async function startNginx(settings) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ada-nginx-'));
  // nginx's workers drop root for nobody: they write their temporary files here.
  chmodSync(dir, 0o755);
  const temp = path.join(dir, 'temp');
  mkdirSync(temp, { mode: 0o777 });
  chmodSync(temp, 0o777);
  // The files it serves are copied here too (the build and the test's host pages): a clone may sit
  // in a folder nobody cannot enter (mktemp -d makes one), which would answer every page with 403.
  cpSync(path.join(repoRoot, 'tests/proxy/pages'), path.join(dir, 'pages'), { recursive: true });
  if (settings.ADA_WIDGET_DIR) {
    const served = path.join(dir, 'widget');
    cpSync(settings.ADA_WIDGET_DIR, served, { recursive: true });
    settings = { ...settings, ADA_WIDGET_DIR: served };
  }
  const envFile = path.join(dir, 'ada-webhooks.env');
  writeFileSync(envFile, Object.entries(settings).map(([name, value]) => `${name}="${value}"\n`).join(''));
  const rendered = path.join(dir, 'conf.d');
  execFileSync(path.join(repoRoot, 'deploy/render.sh'), [envFile, rendered], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Another process may take the chosen port before nginx binds it: then choose again.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const conf = writeConf(dir, rendered, temp, port);
    const args = ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf];
    execFileSync(NGINX, ['-t', '-q', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    if (!(await started(dir, exited))) {
      if (attempt < 5 && /Address already in use/.test(stderr)) continue;
      throw new Error(`nginx exited: ${stderr}`);
    }
    return {
      url: `http://127.0.0.1:${port}`,
      rendered,
      errorLog: () => readFileSync(path.join(dir, 'error.log'), 'utf8'),
      async stop() {
        child.kill('SIGQUIT');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** The nginx.conf around the rendered files, as a dashboard's own would be. */
function writeConf(dir, rendered, temp, port) {
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    include ${rendered}/ada-webhooks-http.conf;
    server {
        listen 127.0.0.1:${port};
        include ${rendered}/ada-webhooks-files.conf;
        include ${rendered}/ada-webhooks-token-mode.conf;
        include ${rendered}/ada-webhooks-proxy-mode.conf;
        # The host app's session check that ADA_SESSION_CHECK names.
        location = /auth/ada-admin {
            internal;
            if ($cookie_${HOST_SESSION_COOKIE.name} = "${HOST_SESSION_COOKIE.value}") { return 204; }
            return 401;
        }
        location /e2e/ { alias ${dir}/pages/; }
    }
}
`);
  return conf;
}

/** True once nginx has written its pid file, which it does after binding its port; false if it
 * exits first (a port taken meanwhile). */
async function started(dir, exited) {
  let gone = false;
  exited.then(() => { gone = true; });
  while (!gone) {
    if (existsSync(path.join(dir, 'nginx.pid'))) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
