"use strict";
// Original file: proto/gazette/v1/gazette.proto
Object.defineProperty(exports, "__esModule", { value: true });
