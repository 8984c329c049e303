// The API's writes: members' and moderators' (filled in by the write operations' modules).
import type { AnyOperation } from "../operation.server";

export const writeOperations: AnyOperation[] = [];
