/*
 * Minimal tus 1.0.0 client (creation + core protocol) for the jfastdfs upload page.
 * No dependencies. Works in browsers (XMLHttpRequest, for upload progress) and in
 * node >= 18 (fetch), where it is loaded with require() for tests.
 *
 *   var up = new TusUpload(file, { endpoint: '/group1/big/upload/', metadata: {...},
 *     onProgress: function (sent, total) {}, onSuccess: function (url, id) {},
 *     onError: function (err) {}, onStateChange: function (state) {} });
 *   up.start(); up.pause(); up.start();   // start() also resumes
 */
(function (root) {
  'use strict';

  var TUS_VERSION = '1.0.0';
  var CHUNK_SIZE = 8 * 1024 * 1024;
  var RETRY_DELAYS = [1000, 3000, 5000, 10000];
  var STOP = { stopped: true }; // thrown internally when a run was paused or superseded

  function TusError(message, status, body, retriable) {
    var e = new Error(message);
    e.name = 'TusError';
    e.status = status || 0;
    e.body = body || '';
    e.retriable = !!retriable;
    return e;
  }

  // base64 of the UTF-8 bytes of s (Upload-Metadata values)
  function b64(s) {
    var bytes = new TextEncoder().encode(String(s));
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin);
  }

  // "key b64,key b64"; keys with empty, null or undefined values are left out
  function encodeMetadata(meta) {
    var parts = [];
    Object.keys(meta || {}).forEach(function (k) {
      var v = meta[k];
      if (v === undefined || v === null || v === '') return;
      parts.push(k + ' ' + b64(v));
    });
    return parts.join(',');
  }

  function fingerprint(file, endpoint) {
    return 'tus::' + endpoint + '::' + file.name + '::' + file.size + '::' + (file.lastModified || 0);
  }

  // Absolute Locations are used as given; relative ones are resolved against the endpoint.
  function resolveLocation(loc, endpoint) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(loc)) return loc;
    var base = typeof location !== 'undefined' ? location.href : undefined;
    return new URL(loc, new URL(endpoint, base)).href;
  }

  // Upload id = last path segment of the upload URL.
  function uploadId(url) {
    return url.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop();
  }

  function retriableStatus(s) {
    return s === 0 || s === 409 || s === 423 || s === 429 || s >= 500;
  }

  /*
   * A request function takes {method, url, headers, body, signal, onUploadProgress} and
   * resolves to {status, header(name), text}; it rejects on network errors and aborts.
   */
  function fetchRequest(fetchFn) {
    return function (req) {
      return fetchFn(req.url, { method: req.method, headers: req.headers, body: req.body,
        signal: req.signal, cache: 'no-store' }).then(function (res) {
        return res.text().then(function (text) {
          return { status: res.status, header: function (n) { return res.headers.get(n); }, text: text };
        });
      });
    };
  }

  function xhrRequest(req) {
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      x.open(req.method, req.url, true);
      Object.keys(req.headers || {}).forEach(function (k) { x.setRequestHeader(k, req.headers[k]); });
      if (req.onUploadProgress && x.upload) {
        x.upload.onprogress = function (e) { req.onUploadProgress(e.loaded); };
      }
      x.onload = function () {
        resolve({ status: x.status, header: function (n) { return x.getResponseHeader(n); },
          text: x.responseText });
      };
      x.onerror = function () { reject(TusError('network error', 0, '', true)); };
      x.onabort = function () { var e = new Error('aborted'); e.name = 'AbortError'; reject(e); };
      if (req.signal) {
        if (req.signal.aborted) { x.onabort(); return; }
        req.signal.addEventListener('abort', function () { x.abort(); });
      }
      x.send(req.body === undefined ? null : req.body);
    });
  }

  function defaultRequest() {
    if (typeof XMLHttpRequest !== 'undefined') return xhrRequest;
    return fetchRequest(fetch);
  }

  function defaultStorage() {
    try { return typeof localStorage !== 'undefined' ? localStorage : null; } catch (e) { return null; }
  }

  function noop() {}

  function TusUpload(file, options) {
    var o = options || {};
    this.file = file;
    this.size = file.size;
    this.endpoint = o.endpoint;
    this.metadata = o.metadata || {};
    this.headers = o.headers || {};
    this.chunkSize = o.chunkSize || CHUNK_SIZE;
    this.retryDelays = o.retryDelays || RETRY_DELAYS;
    this.request = o.request || defaultRequest();
    this.storage = o.storage === undefined ? defaultStorage() : o.storage;
    this.onProgress = o.onProgress || noop;
    this.onSuccess = o.onSuccess || noop;
    this.onError = o.onError || noop;
    this.onRetry = o.onRetry || noop;
    this.onStateChange = o.onStateChange || noop;
    this.key = fingerprint(file, this.endpoint);
    this.url = null;
    this.offset = 0;
    this.state = 'idle';
    this._run = 0;
    this._attempt = 0;
    this._abort = null;
    this._wake = null;
  }

  TusUpload.prototype._setState = function (s) {
    this.state = s;
    this.onStateChange(s);
  };

  TusUpload.prototype._store = function (op, value) {
    if (!this.storage) return null;
    try {
      if (op === 'get') return this.storage.getItem(this.key);
      if (op === 'set') this.storage.setItem(this.key, value);
      if (op === 'del') this.storage.removeItem(this.key);
    } catch (e) { /* storage full or disabled: resuming across reloads is lost, nothing else */ }
    return null;
  };

  // Starts or resumes. Resolves to 'done', 'paused' or 'error' when this run ends.
  TusUpload.prototype.start = function () {
    if (this.state === 'uploading' || this.state === 'done') return Promise.resolve(this.state);
    var run = ++this._run;
    this._attempt = 0;
    this._setState('uploading');
    return this._go(run);
  };

  TusUpload.prototype.pause = function () {
    if (this.state !== 'uploading') return;
    this._run++;
    if (this._abort) this._abort.abort();
    if (this._wake) this._wake();
    this._setState('paused');
  };

  TusUpload.prototype._go = async function (run) {
    try {
      if (!this.url) this.url = this._store('get');
      this._resync = !!this.url; // a known URL: ask the server for its offset first
      while (!this.url || this._resync || this.offset < this.size) {
        await this._retry(run, this._step.bind(this, run));
      }
      this._store('del');
      this.onProgress(this.size, this.size);
      this._setState('done');
      this.onSuccess(this.url, uploadId(this.url));
      return 'done';
    } catch (e) {
      if (e === STOP || run !== this._run) return 'paused';
      this._setState('error');
      this.onError(e);
      return 'error';
    }
  };

  // One protocol step: re-sync the offset (HEAD), create (POST) or send a chunk (PATCH).
  TusUpload.prototype._step = async function (run) {
    if (this.url && this._resync) {
      if (!(await this._head(run))) this._forget();
      this._resync = false;
    }
    if (!this.url) return this._create(run);
    if (this.offset >= this.size) return;
    try {
      await this._patch(run);
    } catch (e) {
      if (e !== STOP) this._resync = true;
      throw e;
    }
  };

  TusUpload.prototype._forget = function () {
    this.url = null;
    this.offset = 0;
    this._store('del');
  };

  // Runs fn, retrying retriable failures after each delay in retryDelays.
  TusUpload.prototype._retry = async function (run, fn) {
    for (;;) {
      try {
        await fn();
        this._attempt = 0;
        return;
      } catch (e) {
        if (e === STOP || run !== this._run) throw STOP;
        if (!e.retriable || this._attempt >= this.retryDelays.length) throw e;
        var delay = this.retryDelays[this._attempt++];
        this.onRetry(this._attempt, delay, e);
        await this._sleep(delay);
        if (run !== this._run) throw STOP;
      }
    }
  };

  TusUpload.prototype._sleep = function (ms) {
    var self = this;
    return new Promise(function (resolve) {
      var t = setTimeout(done, ms);
      function done() { clearTimeout(t); self._wake = null; resolve(); }
      self._wake = done;
    });
  };

  TusUpload.prototype._send = async function (run, method, url, headers, body, onUp) {
    var h = { 'Tus-Resumable': TUS_VERSION };
    Object.keys(this.headers).forEach(function (k) { h[k] = this.headers[k]; }, this);
    Object.keys(headers).forEach(function (k) { h[k] = headers[k]; });
    this._abort = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var res;
    try {
      res = await this.request({ method: method, url: url, headers: h, body: body,
        signal: this._abort && this._abort.signal, onUploadProgress: onUp });
    } catch (e) {
      if (run !== this._run) throw STOP;
      throw TusError(method + ' failed: ' + (e && e.message || e), 0, '', true);
    } finally {
      this._abort = null;
    }
    if (run !== this._run) throw STOP;
    return res;
  };

  function fail(method, res) {
    var body = (res.text || '').trim();
    return TusError(method + ' ' + res.status + (body ? ': ' + body : ''), res.status, body,
      retriableStatus(res.status));
  }

  // HEAD: true and sets the offset when the upload exists, false when it is gone.
  TusUpload.prototype._head = async function (run) {
    var res = await this._send(run, 'HEAD', this.url, {});
    if (res.status === 404 || res.status === 410 || res.status === 403) return false;
    if (res.status !== 200 && res.status !== 204) throw fail('HEAD', res);
    var off = parseInt(res.header('Upload-Offset'), 10);
    var len = res.header('Upload-Length');
    if (isNaN(off) || off < 0 || off > this.size) return false;
    if (len !== null && len !== '' && parseInt(len, 10) !== this.size) return false;
    this.offset = off;
    this.onProgress(off, this.size);
    return true;
  };

  TusUpload.prototype._create = async function (run) {
    var h = { 'Upload-Length': String(this.size) };
    var meta = encodeMetadata(this.metadata);
    if (meta) h['Upload-Metadata'] = meta;
    var res = await this._send(run, 'POST', this.endpoint, h);
    if (res.status !== 201) throw fail('POST', res);
    var loc = res.header('Location');
    if (!loc) throw TusError('POST 201 without Location', 201, '', false);
    this.url = resolveLocation(loc, this.endpoint);
    this.offset = 0;
    this._store('set', this.url);
    this.onProgress(0, this.size);
  };

  TusUpload.prototype._patch = async function (run) {
    var self = this;
    var start = this.offset;
    var end = Math.min(this.size, start + this.chunkSize);
    var res = await this._send(run, 'PATCH', this.url, {
      'Upload-Offset': String(start),
      'Content-Type': 'application/offset+octet-stream'
    }, this.file.slice(start, end), function (loaded) {
      self.onProgress(Math.min(start + loaded, end), self.size);
    });
    if (res.status === 404 || res.status === 410) {
      this._forget(); // expired on the server: start over with a new upload
      throw TusError('upload expired, restarting', res.status, '', true);
    }
    if (res.status !== 204 && res.status !== 200) throw fail('PATCH', res);
    var off = parseInt(res.header('Upload-Offset'), 10);
    if (isNaN(off) || off < start || off > this.size) {
      throw TusError('PATCH: invalid Upload-Offset in reply', res.status, '', true);
    }
    this.offset = off;
    this.onProgress(off, this.size);
  };

  var api = {
    TusUpload: TusUpload,
    encodeMetadata: encodeMetadata,
    fingerprint: fingerprint,
    resolveLocation: resolveLocation,
    uploadId: uploadId,
    fetchRequest: fetchRequest,
    xhrRequest: xhrRequest,
    TUS_VERSION: TUS_VERSION
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.TusClient = api;
})(typeof self !== 'undefined' ? self : this);
