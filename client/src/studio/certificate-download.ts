import { certificateFileName, certificateFileText } from './certificate-file';
import { saveTextFile } from './save-file';
import type { StudioApi } from './studio-api';

/** Fetches a certificate and saves it as `certificate-<chapterId>-v<version>.json`; returns the file name. */
export async function downloadCertificate(api: StudioApi, certificateId: string): Promise<string> {
  const certificate = await api.certificate(certificateId);
  const fileName = certificateFileName(certificate);
  saveTextFile(fileName, certificateFileText(certificate), 'application/json');
  return fileName;
}
