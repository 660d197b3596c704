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
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.gazette = gazette;
exports.googleRpc = googleRpc;
/**
 * The protos this package ships (`proto/`): Gazette's own, loaded for @grpc/grpc-js, and
 * `google.rpc.Status` with its error details, decoded from failed calls' trailers.
 */
const path = __importStar(require("path"));
const grpc = __importStar(require("@grpc/grpc-js"));
const protoLoader = __importStar(require("@grpc/proto-loader"));
const protobuf = __importStar(require("protobufjs"));
/** `proto/` beside `dist/` (or beside `src/` when run from the sources). */
const PROTO_ROOT = path.join(__dirname, '..', 'proto');
/** The loader options the generated types were made with (`npm run generate`). */
const LOADER_OPTIONS = {
    includeDirs: [PROTO_ROOT],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
};
let services;
/** The Gazette services, loaded once. */
function gazette() {
    if (!services) {
        const definition = protoLoader.loadSync('gazette/v1/gazette.proto', LOADER_OPTIONS);
        services = grpc.loadPackageDefinition(definition);
    }
    return services;
}
let rpc;
/** `google.rpc` messages (Status, BadRequest, RetryInfo, …), loaded once. */
function googleRpc() {
    if (!rpc) {
        const root = new protobuf.Root();
        root.resolvePath = (_origin, target) => 
        // google/protobuf/*.proto are protobufjs's own (any, duration); the rest are ours.
        target.startsWith('google/protobuf/') ? target : path.join(PROTO_ROOT, target);
        rpc = root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], {
            keepCase: true,
        });
    }
    return rpc;
}
