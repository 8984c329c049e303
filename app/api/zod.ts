// The one zod the API's schemas are written with: extended once with
// .openapi(), so every schema the server validates with also describes itself
// in the OpenAPI document (nothing is kept by hand beside it).
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export { z };
