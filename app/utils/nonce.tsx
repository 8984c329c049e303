import { createContext, useContext } from "react";

// The CSP nonce reaches the document's <Scripts> through React context; on the
// client it is not needed (the scripts are already running).
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
