/** The web face's data types; they live with the store queries that fill them. */
export * from "../../store/repos/web-types.ts";
