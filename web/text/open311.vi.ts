/** Open311 (GeoReport v2) error messages and service notices. */
export const open311Texts = {
  keyMissing: "Thiếu hoặc sai api_key (missing or invalid api_key)",
  serviceNotFound: (code: string) => `Không có dịch vụ ${code} (service_code not found)`,
  serviceRequired: "Thiếu service_code (service_code was not provided)",
  requestNotFound: (id: string) => `Không có kiến nghị ${id} (service_request_id not found)`,
  locationRequired: "Cần lat và long, hoặc address_string, hoặc address_id (a location parameter is required)",
  descriptionRequired: "Thiếu description (description was not provided)",
  badRequest: (detail: string) => `Yêu cầu không hợp lệ: ${detail} (invalid request)`,
  rangeTooLong: "Khoảng start_date–end_date tối đa 90 ngày (the range may not span more than 90 days)",
  badFormat: "Định dạng phải là json hoặc xml (format must be json or xml)",
  notFound: "Không có tài nguyên này (resource not found)",
  serviceNotice: (days: number) => `Kiến nghị đã được tiếp nhận; hạn xử lý dự kiến ${days} ngày kể từ ngày nhận.`,
  group: "kien-nghi-cu-tri",
  contact: "Văn phòng HĐND và UBND phường",
};
