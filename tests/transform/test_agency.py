import pytest

from transform.agency import describe_agency


@pytest.mark.parametrize(
    ("name", "region", "level"),
    [
        ("平顶山市公安局", "平顶山市", "市"),
        ("平罗县公安局", "平罗县", "县"),
        ("宁夏回族自治区石嘴山市公安局", "宁夏回族自治区石嘴山市", "市"),
        ("北京市人民政府", "北京市", "省"),
        ("北京市海淀区人民政府", "北京市海淀区", "县"),
        ("广州市越秀区市场监督管理局", "广州市越秀区", "县"),
        ("平顶山市市场监督管理局", "平顶山市", "市"),
        ("杭州市市政园林局", "杭州市", "市"),
        ("湖北省恩施土家族苗族自治州利川市交通运输局", "湖北省恩施土家族苗族自治州利川市", "县"),
        ("内蒙古自治区鄂尔多斯市准格尔旗薛家湾镇人民政府", "内蒙古自治区鄂尔多斯市准格尔旗薛家湾镇", "乡"),
        ("上海市浦东新区陆家嘴街道办事处", "上海市浦东新区陆家嘴街道", "乡"),
        ("国家市场监督管理总局", None, None),
        ("水利部", None, None),
    ],
)
def test_region_and_level_come_from_the_name(name, region, level):
    assert describe_agency(name) == (region, level)
