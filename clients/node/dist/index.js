"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.serviceConfig = exports.DEFAULT_TIMEOUT_MS = exports.GazetteError = exports.Admin = exports.GazetteClient = exports.connect = void 0;
/**
 * A typed client for Gazette, the gRPC entity-extraction service, over @grpc/grpc-js.
 *
 * Offsets default to UTF-16 code units, which is how JavaScript indexes strings: for every
 * mention, `text.slice(m.start, m.end) === m.text` (`text` being the field it is in).
 *
 * ```ts
 * import { connect } from '@gazette/client';
 * const gz = connect('localhost:50051');
 * const result = await gz.extract('Syrian troops left Aleppo.');
 * for (const m of result.mentions) console.log(m.type, m.text, m.entity_id);
 * gz.close();
 * ```
 *
 * Where things are: `client.ts` (connect, extract, streams), `admin.ts` (the admin calls),
 * `types.ts` (request and response types), `errors.ts` (GazetteError and the server's error
 * details), `config.ts` (the service config: deadlines, UNAVAILABLE retries), `retry.ts`
 * (shed calls retried after RetryInfo), `replay.ts` (resumable stream input), `proto.ts`
 * (the shipped protos), `generated/` (proto-loader-gen-types output).
 */
var client_1 = require("./client");
Object.defineProperty(exports, "connect", { enumerable: true, get: function () { return client_1.connect; } });
Object.defineProperty(exports, "GazetteClient", { enumerable: true, get: function () { return client_1.GazetteClient; } });
var admin_1 = require("./admin");
Object.defineProperty(exports, "Admin", { enumerable: true, get: function () { return admin_1.Admin; } });
var errors_1 = require("./errors");
Object.defineProperty(exports, "GazetteError", { enumerable: true, get: function () { return errors_1.GazetteError; } });
var config_1 = require("./config");
Object.defineProperty(exports, "DEFAULT_TIMEOUT_MS", { enumerable: true, get: function () { return config_1.DEFAULT_TIMEOUT_MS; } });
Object.defineProperty(exports, "serviceConfig", { enumerable: true, get: function () { return config_1.serviceConfig; } });
__exportStar(require("./types"), exports);
