// Uploads a file with tus-js-client in 5 MiB chunks, remembering the upload URL in a file, so a
// later run resumes it. Used by io.jfastdfs.tus.TusJsClientTest.
//
//   node tus-resume.mjs <endpoint> <file> <url-storage-file> <exit-after-bytes>
//
// With exit-after-bytes > 0 the process exits (code 3) 20 ms after that many bytes are acknowledged,
// usually while the next chunk's PATCH is on the wire (a kill, not a pause). Prints "created|resumed <url>", the bytes the
// server had acknowledged after the first chunk of this run ("first-accepted <n>"), then "done <url>".
import fs from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';

const [endpoint, file, storagePath, exitAfterArg] = process.argv.slice(2);
const exitAfter = Number(exitAfterArg || 0);
let firstAccepted = -1;
let resumed = false;

const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  chunkSize: 5 * 1024 * 1024,
  metadata: { filename: path.basename(file) },
  urlStorage: new tus.FileUrlStorage(storagePath),
  removeFingerprintOnSuccess: false,
  retryDelays: [0, 500, 1000, 2000, 4000],
  onUploadUrlAvailable() {
    if (!resumed) console.log(`created ${upload.url}`);
  },
  onChunkComplete(chunkSize, accepted) {
    if (firstAccepted < 0) {
      firstAccepted = accepted;
      console.log(`first-accepted ${accepted}`);
    }
    if (exitAfter > 0 && accepted >= exitAfter) {
      console.log(`exiting at ${accepted}`);
      setTimeout(() => process.exit(3), 20);
    }
  },
  onSuccess() {
    console.log(`done ${upload.url}`);
    process.exit(0);
  },
  onError(err) {
    console.log(`error ${err}`);
    process.exit(1);
  },
});

const previous = await upload.findPreviousUploads();
if (previous.length > 0) {
  resumed = true;
  upload.resumeFromPreviousUpload(previous[0]);
  console.log(`resumed ${previous[0].uploadUrl}`);
}
upload.start();
