import { adminOnlyLayout } from "@/components/dashboard/admin-only-layout";

export default adminOnlyLayout("settings");
