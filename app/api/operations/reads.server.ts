// The API's reads (filled in by the read operations' modules).
import type { AnyOperation } from "../operation.server";

export const readOperations: AnyOperation[] = [];
