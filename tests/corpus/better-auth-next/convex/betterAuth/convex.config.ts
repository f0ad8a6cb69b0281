import { defineComponent } from "convex/server";

const component = defineComponent("betterAuth");

export default component;
